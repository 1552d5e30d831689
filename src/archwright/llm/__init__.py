"""The optional LLM enhancer: provider protocol, one module per vendor."""
