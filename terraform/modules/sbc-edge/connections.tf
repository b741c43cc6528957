locals {
  # One entry per (connection, CIDR): the SIP rules are generated from this
  # map and from nothing else, so a PBX is reachable only once it is listed
  # in var.connections.
  pbx_cidrs = merge([
    for id, connection in var.connections : { for cidr in connection.cidrs : "${id}/${cidr}" => cidr }
  ]...)

  # The same connections as the edge's admission table, the file the edge
  # reads with --config (a list, which environment variables cannot carry).
  # JSON is YAML, so the edge's YAML reader takes it as it is. Keys:
  # docs/configuration.md, edge.connections.
  edge_config_file = jsonencode({
    edge = {
      connections = [
        for id, connection in var.connections : {
          "id"                   = id
          "tenant"               = connection.tenant
          "allowed-sources"      = connection.cidrs
          "max-calls-per-second" = connection.max_calls_per_second
          "max-concurrent-calls" = connection.max_concurrent_calls
          "routes"               = [for route in connection.routes : { for k, v in route : k => v if v != null }]
        }
      ]
    }
  })
}
