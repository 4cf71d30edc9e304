"""An example jobcentre connector for the recruitment service platform, in Python.

Written only from docs/messages.md, docs/connector.md and the JSON Schemas (shipped inside this
package), with no code shared with the TypeScript platform.
"""

__version__ = "1.0.0"
