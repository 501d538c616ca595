# playground, the Race: the mixture against two dense models, trained in turns (RacePanel)
target_sources(tiny_experts_app PRIVATE
    playground/race_models.h playground/race_models.cpp
    playground/race_caption.h playground/race_caption.cpp
    playground/race_record.h playground/race_record.cpp
    playground/race_worker.h playground/race_worker.cpp
    playground/race_chart.h playground/race_chart.cpp
    playground/race_table.h playground/race_table.cpp
    playground/race_panel.h playground/race_panel.cpp
)
target_link_libraries(tiny_experts_app PUBLIC moe::playground)
