# run: the model, the worker thread that runs it, and the trace every view reads.
target_sources(tiny_experts_app PRIVATE
    run/run_types.h run/run_types.cpp
    run/generation_worker.h run/generation_worker.cpp
    run/generation_controller.h run/generation_controller.cpp
    run/trace_model.h run/trace_model.cpp
    run/model_source.h run/model_source.cpp
    run/presets.h run/presets.cpp
    run/trace_export.h run/trace_export.cpp
)
