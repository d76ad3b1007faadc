"""One module per peer library; each exposes NAME, NOTE and the five codec operations."""
