-- Requests /r/<code> with a code drawn at random from the file in $CODES_FILE for every request.
local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do
  if #line > 0 then codes[#codes + 1] = "/r/" .. line end
end
math.randomseed(os.time())

request = function()
  return wrk.format("GET", codes[math.random(#codes)])
end
