# lessons tests (app_add_test)
