"""The ``interdictor`` command line: thin wrappers around one library call each."""
