locals {
  # Service configuration keyed by the Helidon config keys the worker reads; the
  # user data turns each key into the environment variable Helidon maps back to
  # it. media.advertised-address is the instance's own public IP, known only at
  # boot, so the user data adds it from instance metadata.
  media_config = {
    "media.bind-address"      = "0.0.0.0"
    "media.pbx-port-range"    = "${var.pbx_port_range.from}-${var.pbx_port_range.to}"
    "media.device-port-range" = "${var.device_port_range.from}-${var.device_port_range.to}"
  }
  advertised_address_key = "media.advertised-address"

  media_secrets = {
    "redis.uri" = var.redis_uri_secret_arn
  }

  registry = split("/", var.image)[0]
}
