"""``json`` (the report contract, one document) and ``jsonl`` (one contract ``files[]`` entry per
line, written as each draft is linted, so a long run can be read while it goes)."""
from __future__ import annotations

import json

from ..render import to_json
from . import Writer


class JsonWriter(Writer):
    def finish(self, report):
        self.out.write(to_json(report) + "\n")


class JsonLinesWriter(Writer):
    def draft(self, draft):
        self.out.write(json.dumps(draft.to_dict(), ensure_ascii=False) + "\n")
        self.out.flush()
