-- wrk script: POST a form body with optional Basic credentials, from environment variables
-- BENCH_BODY and BENCH_AUTH (already "Basic ..." or empty).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY") or ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
