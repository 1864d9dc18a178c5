-- wrk script for scripts/load-write: every request POSTs one act that is always accepted (a
-- staffing report of the US mission in Russia, its figure varying) with a write token, so the
-- rate measured is durable recordings: each 201 comes after the act's and its audit row's
-- commits. The token comes from the environment, never from the command line.
local token = os.getenv("CHANCERY_LOAD_TOKEN")
local counter = 0

request = function()
    counter = counter + 1
    local body = string.format(
        '{"kind":"staffing_reported","date":"2025-05-01","sending":"US","host":"RU",' ..
        '"value":%d,"bound":"exact","counting":"all_staff"}', counter % 1000)
    return wrk.format("POST", "/api/v1/acts", {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. token,
    }, body)
end

-- Anything but 201 is a failure of the run, not a slower success: count them.
local bad = 0
response = function(status)
    if status ~= 201 then
        bad = bad + 1
    end
end
