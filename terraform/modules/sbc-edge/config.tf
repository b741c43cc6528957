locals {
  # Service configuration handed to each edge, keyed by the Helidon config keys
  # the edge reads. The user data turns every key into the environment variable
  # Helidon maps back to it ("edge.sip.udp-port" -> EDGE_SIP_UDP_DASH_PORT).
  edge_config = [
    for i in range(var.edge_count) : {
      "edge.node-id"                = "${var.name}-edge-${i}"
      "edge.sip.bind-address"       = "0.0.0.0"
      "edge.sip.advertised-address" = aws_eip.edge[i].public_ip
      "edge.sip.udp-port"           = var.sip_udp_port
      "edge.sip.tcp-port"           = var.sip_tcp_port
      "edge.sip.tls-port"           = var.sip_tls_port
      "edge.sip.ws-port"            = var.ws_port
      "edge.sip.wss-port"           = var.wss_port
      "edge.http.port"              = var.http_port
      "observe.port"                = var.observe_port
      "kafka.bootstrap-servers"     = var.kafka_bootstrap_servers
      "redis.cluster"               = var.redis_cluster
    }
  ]

  # Secret-valued keys: only the ARN is in Terraform; the instance reads the
  # value from Secrets Manager each time the service starts.
  edge_secrets = {
    "redis.uri"               = var.redis_uri_secret_arn
    "edge.token.hmac-secret"  = var.jwt_key_secret_arn
    "edge.http.admin-api-key" = var.admin_api_key_secret_arn
    "edge.attach-token-key"   = var.attach_token_key_secret_arn
  }

  registry = split("/", var.image)[0]
}
