"""The project's date, time and number formats, where Django's own are wrong
for the district's readers (FORMAT_MODULE_PATH). Each module overrides only
what differs; everything else falls through to Django's locale formats."""
