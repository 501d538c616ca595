# learn: lessons and quiz as data (loaders that check every field), quiz sittings, live questions
# from a trace, and the learner's saved progress. Qt Core only: no widgets.
