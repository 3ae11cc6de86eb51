"""The command line: click commands that turn flags into an api call and a reporter; no checking logic."""
