-- wrk script for bench/mcp.sh: POSTs one MCP JSON-RPC message (env MCP_BODY) with the headers of
-- the Streamable HTTP transport; the token and Mcp-Session-Id come with wrk -H.
wrk.method = "POST"
wrk.body = os.getenv("MCP_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
