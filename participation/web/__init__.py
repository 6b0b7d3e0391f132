"""The web layer shared by the blueprints: security headers, what every template can use, the checks a request
passes before a view runs, and how a domain refusal is shown on a form."""
