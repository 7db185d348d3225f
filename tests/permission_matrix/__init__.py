"""The permission matrix: every URL pattern of the project, every role."""
