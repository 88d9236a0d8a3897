"""Files: user profiles (versioned JSON) and exports (CSV of the sweep, PNG, animated GIF).

Writes are atomic (:mod:`viewer.io.atomic`): a failed, cancelled or interrupted write leaves
no partial file and never damages an existing one.
"""
