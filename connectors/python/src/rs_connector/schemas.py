"""The platform's JSON Schemas (docs/schemas), shipped inside the package."""
import json
import os
from importlib import resources


def load_schemas(directory=None):
    """{name: schema} for envelope.json and every <name>.v<major>.json; from a folder if given."""
    schemas = {}
    if directory:
        for name in os.listdir(directory):
            if name.endswith(".json"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    schemas[name[: -len(".json")]] = json.load(f)
    else:
        for entry in (resources.files("rs_connector") / "schemas").iterdir():
            if entry.name.endswith(".json"):
                schemas[entry.name[: -len(".json")]] = json.loads(entry.read_text(encoding="utf-8"))
    if "envelope" not in schemas:
        raise FileNotFoundError("no envelope.json among the schemas")
    return schemas
