"""The Streamlit app's views and shared data (``app.py`` is the entry point)."""
