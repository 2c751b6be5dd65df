-- wrk: POST a customer turn to one of the conversations whose ids are in CONVERSATIONS (comma-separated).
local ids = {}
for id in string.gmatch(os.getenv("CONVERSATIONS") or "", "[^,]+") do table.insert(ids, id) end
local texts = { "我的E7想约个保养", "胎压灯一直亮", "I want to book a service for my E9", "充电很慢是什么原因" }
local n = 0
function request()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  local body = '{"speaker":"customer","text":"' .. texts[(n % #texts) + 1] .. '"}'
  return wrk.format("POST", "/v1/conversations/" .. id .. "/turns", {["Content-Type"] = "application/json"}, body)
end
