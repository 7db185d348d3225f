# Danish writes the time with a full stop after "kl." ("6. december 2026
# kl. 14.07", Retskrivningsordbogen); Django's "da" has "14:07" and no "kl.".
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = "d.m.Y H.i"
