"""Small-count disclosure control: the suppression of tables (``suppression``, free of roles and of Flask), the
policy that says which viewer gets it (``policy``), and how a suppressed figure reads (``text``, imported from
there because it needs the viewer's language)."""

from participation.disclosure.policy import DisclosurePolicy
from participation.disclosure.suppression import Cell, DisclosedTable, Reason, disclose_list, disclose_table

__all__ = ["Cell", "DisclosedTable", "DisclosurePolicy", "Reason", "disclose_list", "disclose_table"]
