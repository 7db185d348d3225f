# Norwegian puts "kl." before the time ("6. desember 2026 kl. 14:07");
# Django's "nb" leaves it out.
DATETIME_FORMAT = r"j. F Y \k\l. H:i"
