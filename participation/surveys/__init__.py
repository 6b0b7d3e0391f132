"""Survey definitions: the model, answer validation, skip logic and the YAML and XLSForm loaders.

No Flask request and no database here; the web flow, the API and persistence build on these values.
"""
