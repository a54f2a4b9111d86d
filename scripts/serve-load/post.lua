-- wrk -s post.lua URL -- BODY.json: POSTs the file's JSON body on every request. wrk counts non-2xx/3xx answers
-- as errors ("Non-2xx or 3xx responses"); run.sh fails the measurement when it sees any.
function init(args)
  local file = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = file:read("*a")
  file:close()
end
