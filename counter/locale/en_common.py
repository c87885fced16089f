from __future__ import annotations

EN: dict[str, str] = {
    "计量收发台": "Metrology Counter",
}
