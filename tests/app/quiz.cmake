# quiz tests (app_add_test)
