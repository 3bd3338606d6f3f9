"""Errors the toolkit raises on purpose.

Every one derives from :class:`ToolkitError`, so a caller that wants to go on
past bad input catches one class; anything else escaping is a bug.
"""


class ToolkitError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InputError(ToolkitError):
    """A page that cannot be read as text (undecodable, not a page at all)."""


class RuleError(ToolkitError):
    """One or more rule files are malformed.

    ``problems`` holds one ``FILE:LINE: what is wrong`` string per problem,
    so a user sees every mistake of a pack at once, not one per run.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class RuleTimeoutError(ToolkitError):
    """A rule's regular expression ran past its time budget on a block."""
