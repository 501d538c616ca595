# learn tests (app_add_test)
