"""An in-process node that answers the real Elasticsearch client like a small
cluster: indices, aliases, bulk, refresh, delete by query, count and search,
with switches for the failures the backend must survive. It answers errors
with Elasticsearch's status codes and error types."""

import json
import threading
import urllib.parse

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch


def not_found(name):
    return 404, {
        "error": {
            "type": "index_not_found_exception",
            "reason": f"no such index [{name}]",
        },
        "status": 404,
    }


class FakeCluster:
    def __init__(self):
        self.indices: dict[str, dict] = {}
        self.aliases: dict[str, set[str]] = {}
        self.requests: list[tuple[str, str, dict, object]] = []
        self.last_headers = None
        self.fail_bulk = False
        # Bulk items answered 429 (too many requests) before they are taken.
        self.reject_bulk_items = 0
        # When set, every alias check waits here: threads pass it together.
        self.alias_barrier: threading.Barrier | None = None
        self.search_response = {
            "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}
        }
        self._lock = threading.RLock()

    def paths(self, method=None):
        return [path for m, path, _, _ in self.requests if method in (None, m)]

    def bodies(self, method, suffix):
        return [
            body
            for m, path, _, body in self.requests
            if m == method and path.endswith(suffix)
        ]

    def bulks(self):
        return [body for _, path, _, body in self.requests if path == "/_bulk"]

    def created(self):
        return [
            path
            for method, path, _, _ in self.requests
            if method == "PUT" and path != "/_bulk" and "/_alias/" not in path
        ]

    def lose_everything(self):
        with self._lock:
            self.indices.clear()
            self.aliases.clear()

    def exists(self, name):
        return name in self.indices or bool(self.aliases.get(name))

    def handle(self, method, path, params, body):
        parts = path.strip("/").split("/")
        with self._lock:
            self.requests.append((method, path, params, body))
            answer = self._handle(method, parts, params, body)
        if parts[0] == "_alias" and self.alias_barrier is not None:
            # Nobody acts on the answer until every thread has had it.
            self.alias_barrier.wait(timeout=5)
        return answer

    def _handle(self, method, parts, params, body):
        if parts[0] == "_alias":
            names = parts[1].split(",")
            found = [n for n in names if self.aliases.get(n)]
            answer = {
                index: {"aliases": {name: {}}}
                for name in found
                for index in self.aliases[name]
            }
            if len(found) < len(names):
                missing = ",".join(n for n in names if n not in found)
                return 404, {
                    "error": f"alias [{missing}] missing",
                    "status": 404,
                    **answer,
                }
            return 200, (None if method == "HEAD" else answer)
        if parts[0] == "_aliases":
            for action in body["actions"]:
                (kind, spec), *_ = action.items()
                members = self.aliases.setdefault(spec["alias"], set())
                (members.add if kind == "add" else members.discard)(spec["index"])
            return 200, {"acknowledged": True}
        if parts[0] == "_bulk":
            return 200, self.bulk(body, params)
        if len(parts) == 3 and parts[1] == "_alias" and method == "PUT":
            if parts[0] not in self.indices:
                return not_found(parts[0])
            self.aliases.setdefault(parts[2], set()).add(parts[0])
            return 200, {"acknowledged": True}
        if len(parts) == 1 and method == "PUT":
            if parts[0] in self.indices:
                return 400, {
                    "error": {
                        "type": "resource_already_exists_exception",
                        "reason": f"index [{parts[0]}] already exists",
                    },
                    "status": 400,
                }
            self.indices[parts[0]] = body
            for alias in body.get("aliases") or {}:
                self.aliases.setdefault(alias, set()).add(parts[0])
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            for name in parts[0].split(","):
                self.indices.pop(name, None)
                for members in self.aliases.values():
                    members.discard(name)
            return 200, {"acknowledged": True}
        targets = parts[0].split(",")
        unavailable = [name for name in targets if not self.exists(name)]
        if unavailable and params.get("ignore_unavailable") != "true":
            return not_found(unavailable[0])
        if parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if parts[-1] == "_delete_by_query":
            return 200, {"deleted": 0, "failures": []}
        if parts[-1] == "_count":
            return 200, {"count": 3}
        if parts[-1] == "_search":
            return 200, self.search_response
        raise AssertionError(f"unexpected request {method} {parts}")

    def bulk(self, lines, params):
        items = []
        for line in lines:
            (op, meta), *_ = line.items()
            if op not in ("index", "delete"):
                continue
            item = {"_index": meta["_index"], "_id": meta["_id"]}
            if self.reject_bulk_items:
                self.reject_bulk_items -= 1
                item["status"] = 429
                item["error"] = {"type": "es_rejected_execution_exception"}
            elif self.fail_bulk:
                item["status"] = 400
                item["error"] = {"type": "mapper_parsing_exception"}
            elif op == "index" and (
                params.get("require_alias") == "true"
                and not self.aliases.get(meta["_index"])
                or not self.exists(meta["_index"])
            ):
                item["status"] = 404
                item["error"] = {"type": "index_not_found_exception"}
            else:
                item["status"] = 201 if op == "index" else 404
            items.append({op: item})
        errors = any(
            item[next(iter(item))]["status"] >= 300 for item in items if "index" in item
        )
        return {"errors": errors, "took": 1, "items": items}


class FakeNode(BaseNode):
    cluster: FakeCluster
    _CLIENT_META_HTTP_CLIENT = ("fake", "1")

    def perform_request(self, method, target, body=None, headers=None, **options):
        url = urllib.parse.urlsplit(target)
        params = dict(urllib.parse.parse_qsl(url.query))
        text = (body or b"").decode()
        if url.path.endswith("/_bulk"):
            parsed = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            parsed = json.loads(text) if text else None
        self.cluster.last_headers = headers
        status, answer = self.cluster.handle(
            method, urllib.parse.unquote(url.path), params, parsed
        )
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "content-type": "application/json",
                    "x-elastic-product": "Elasticsearch",
                }
            ),
            duration=0.0,
            node=self.config,
        )
        data = b"" if answer is None else json.dumps(answer).encode()
        return NodeApiResponse(meta, data)


def client_of(cluster: FakeCluster) -> Elasticsearch:
    """A real client whose requests this cluster answers."""
    node_class = type("Node", (FakeNode,), {"cluster": cluster})
    return Elasticsearch("http://es.invalid:9200", node_class=node_class)
