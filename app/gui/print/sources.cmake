# print: the teacher's printable material as PDF (QPdfWriter): a worksheet for a prompt with its
# answer pages from a real run, and a quiz sitting as a printed test with an answer key. The data
# (worksheet_data, quiz_sheet) is built apart from the drawing, so tests check it without pages.
target_sources(tiny_experts_app PRIVATE
    print/pdf_pages.h print/pdf_pages.cpp
    print/worksheet_data.h print/worksheet_data.cpp
    print/worksheet_pdf.h print/worksheet_pdf.cpp
    print/quiz_sheet.h print/quiz_sheet.cpp
    print/quiz_pdf.h print/quiz_pdf.cpp
    print/print_command.h print/print_command.cpp
    print/print_dialogs.h print/print_dialogs.cpp
)
