# lessons: the lesson library page (tracks, lessons, progress) and the lesson panel beside the live app
