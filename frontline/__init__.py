"""Frontline Atlas command-line interface (``frontline``): a thin shell over geo/ and layers/."""
