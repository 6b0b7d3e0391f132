"""The web layer shared by the blueprints: security headers, what every template can use, the checks a request
passes before a view runs, how a domain refusal is shown on a form, and the one commit point of a request."""
