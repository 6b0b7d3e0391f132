"""The neighbourhood professionals' pages: conversations, registers and paper entry."""
