// The worksheet as a PDF for the classroom: first the sheet to fill in (the prompt, the model's
// shape, what to do, the token strip and an empty layer x expert grid per token, name and date
// lines), then the answer pages with the experts the router really chose filled in.
#pragma once

#include "print/worksheet_data.h"

#include <QString>

// The size of one token's grid on the page, in millimetres, chosen from the model's shape.
struct WorksheetGrid {
    int columns = 1;          // grids side by side
    double cell = 6;          // one expert's square
    double label = 8;         // the layer names' column ("L1")
    double header = 5;        // the expert names' row ("E1")
    double caption = 7;       // "Token 3: ␣the"
    bool cellNumbers = true;  // gate weights fit in the answer page's squares
    int expertLabelEvery = 1; // name every n-th expert column (all when they fit)
    int layers = 0, experts = 0;

    double width() const { return label + cell * experts; }
    double height() const { return caption + header + cell * layers; }
};

// The largest grids (squares of 4.5 to 9 mm) that put all `tokens` grids on a first page of
// `firstPageHeight` mm; when none does, 6 mm squares, as many a page as fit. Models of many experts
// get one narrow grid a row, smaller squares and every n-th expert named.
WorksheetGrid worksheetGrid(int layers, int experts, int tokens, double pageWidth, double firstPageHeight);

// Writes the worksheet and its answer pages to `path` (A4, pdf_pages.h) and returns the number of
// pages. Throws PdfExportError when the file cannot be written.
int writeWorksheetPdf(const Worksheet& sheet, const QString& path);
