# playground: Playground mode (train a small MoE live): the training worker and its controller, the
# training record every view follows, the settings form and presets, the run controls, the live
# charts, the probe and the captions; the Race (the mixture against two dense models, trained in
# turns: RacePanel and its worker, record, charts, table and caption)
target_sources(tiny_experts_app PRIVATE
    playground/training_types.h playground/training_types.cpp
    playground/corpus_cache.h playground/corpus_cache.cpp
    playground/training_worker.h playground/training_worker.cpp
    playground/training_record.h playground/training_record.cpp
    playground/training_controller.h playground/training_controller.cpp
    playground/playground_presets.h playground/playground_presets.cpp
    playground/settings_problems.h playground/settings_problems.cpp
    playground/playground_form.h playground/playground_form.cpp
    playground/playground_controls.h playground/playground_controls.cpp
    playground/line_chart.h playground/line_chart.cpp
    playground/expert_share_chart.h playground/expert_share_chart.cpp
    playground/training_charts.h playground/training_charts.cpp
    playground/probe_grid_view.h playground/probe_grid_view.cpp
    playground/playground_caption.h playground/playground_caption.cpp
    playground/probe_panel.h playground/probe_panel.cpp
    playground/race_models.h playground/race_models.cpp
    playground/race_caption.h playground/race_caption.cpp
    playground/race_record.h playground/race_record.cpp
    playground/race_worker.h playground/race_worker.cpp
    playground/race_chart.h playground/race_chart.cpp
    playground/race_table.h playground/race_table.cpp
    playground/race_panel.h playground/race_panel.cpp
    playground/playground_page.h playground/playground_page.cpp
)
