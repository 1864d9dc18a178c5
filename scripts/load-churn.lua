-- wrk script for scripts/load-churn with LOAD_VARY=1: every request asks for the page on a
-- different day (as_of), so no two share a kept answer and each must be computed: a flood of
-- distinct, expensive reads. The page comes from the environment (CHANCERY_CHURN_PATH, ending
-- in `?` or `&`).
local path = os.getenv("CHANCERY_CHURN_PATH")
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("first", threads * 1000003)
end

local n = nil

request = function()
    n = (n or first) + 1
    local day = 1 + n % 28
    local month = 1 + math.floor(n / 28) % 12
    local year = 1996 + math.floor(n / 336) % 29
    return wrk.format("GET", string.format("%sas_of=%04d-%02d-%02d", path, year, month, day))
end
