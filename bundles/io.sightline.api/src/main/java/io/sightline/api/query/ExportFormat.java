package io.sightline.api.query;

/** File formats of a full-result export (SPEC Q-4). */
public enum ExportFormat {
    /** RFC 4180 CSV, UTF-8 with a byte-order mark so spreadsheet programs read it right. */
    CSV("text/csv; charset=utf-8", "csv"),
    /** An Excel workbook with one sheet. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}
