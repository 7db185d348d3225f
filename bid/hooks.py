"""Names of the Wagtail hooks the site defines, so an app registers for one
without importing the layer that calls it."""

# Each function takes the request and the home page and returns a dict with
# `template`, `order` and its own context, or None when it has nothing to show.
HOME_SECTIONS_HOOK = "register_home_section"

# Each function takes the request (or None outside one) and returns the
# district's name, or "" when it has none; bid.district.district_name asks them.
DISTRICT_NAME_HOOK = "district_name"
