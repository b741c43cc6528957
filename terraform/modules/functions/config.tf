locals {
  # Each function: its image, the topic and consumer group whose lag scales it,
  # and its configuration keyed by the Helidon config keys the service reads.
  # Secret-valued keys hold Secrets Manager ARNs; ECS injects the values.
  functions = {
    "device-locator" = {
      image          = var.device_locator_image
      topic          = "ringedge.calls" # CallOffered in, DevicesLocated out
      consumer_group = var.consumer_groups.device_locator
      config = {
        "kafka.bootstrap-servers" = var.kafka_bootstrap_servers
        "redis.cluster"           = var.redis_cluster
      }
      secrets = { "redis.uri" = var.redis_uri_secret_arn }
    }
    "push-service" = {
      image          = var.push_service_image
      topic          = "ringedge.calls" # DevicesLocated and CallCancelled in, PushSent out
      consumer_group = var.consumer_groups.push_service
      config = {
        "kafka.bootstrap-servers" = var.kafka_bootstrap_servers
        "redis.cluster"           = var.redis_cluster
        "push.attach-url"         = var.attach_url
        "push.apns.environment"   = var.apns_environment
        "push.apns.team-id"       = var.apns_team_id
        "push.apns.key-id"        = var.apns_key_id
        "push.fcm.project-id"     = var.fcm_project_id
      }
      secrets = {
        "redis.uri"                   = var.redis_uri_secret_arn
        "push.attach-token-key"       = var.attach_token_key_secret_arn
        "push.apns.key-secret"        = var.apns_key_secret_arn
        "push.fcm.credentials-secret" = var.fcm_credentials_secret_arn
      }
    }
  }

  # Helidon maps FOO_BAR_DASH_BAZ back to foo.bar-baz.
  env_names = {
    for key in distinct(flatten([for f in values(local.functions) : concat(keys(f.config), keys(f.secrets))])) :
    key => upper(replace(replace(key, "-", "_dash_"), ".", "_"))
  }
}
