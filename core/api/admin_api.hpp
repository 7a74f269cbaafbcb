// /api/...: the operator's API, behind `Authorization: Bearer <admin.token>`.
//   GET  /api/leads?limit=N&tenant=T          {"leads": [...]}, newest first (limit 1..1000, default 50)
//   GET  /api/deadletters?limit=N&tenant=T    {"deadletters": [...]}, newest first
//   POST /api/leads/{id}/take               {"staff": "olga"} -> 200 {"id", "assignee", ...}; 409 taken by
//                                            another ({"assignee"}), 403 not offered to them, 404, 400
//   POST /api/deadletters/{id}/replay         {"replayed": [id]}
//   POST /api/deadletters/replay?tenant=T     {"replayed": count}
#pragma once

#include "http/server.hpp"
#include "store/store.hpp"

namespace leadhub::app {

class Runtime;

http::Response handle_admin(Runtime& runtime, const http::Request& request);

nlohmann::json dead_letter_json(const store::Job& job);

}  // namespace leadhub::app
