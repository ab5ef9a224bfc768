-- wrk script: each request takes the next path of the file named by $SITREP_LOAD_PATHS
-- (one "/api/events?..." a line), round robin, so the server answers many different filters.
local paths = {}
for line in io.lines(os.getenv("SITREP_LOAD_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
