"""Frontline Atlas, the Streamlit app: ``streamlit run app.py`` (``./dev.sh app``).

The page is :mod:`ui.app`; every view is a module of :mod:`ui`.
"""

from ui.app import run

run()
