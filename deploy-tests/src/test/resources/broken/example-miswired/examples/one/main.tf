module "thing" {
  source = "../../modules/thing"

  unknown_arg = 1
}

output "real" {
  value = module.thing.real
}

output "missing" {
  value = module.thing.missing
}
