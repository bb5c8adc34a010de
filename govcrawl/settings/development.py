"""Development: the embedded SQLite database in the working directory, verbose logs."""
LOG_LEVEL = "INFO"
