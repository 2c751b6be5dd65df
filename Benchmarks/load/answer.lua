-- wrk: POST /v1/answer with questions cycling through a small zh/en set, one session per thread.
local questions = {
  "E7的续航是多少", "How long is the battery warranty?", "保养多久做一次", "how do I book a service",
  "附近有充电桩吗", "What is the range of the E9?", "胎压灯亮了怎么办", "can I share my digital key",
}
local counter = 0
function init(args) counter = math.random(1, #questions) end
function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  local body = '{"question":"' .. q .. '","session_id":"load-' .. tostring(counter % 50) .. '"}'
  return wrk.format("POST", "/v1/answer", {["Content-Type"] = "application/json"}, body)
end
