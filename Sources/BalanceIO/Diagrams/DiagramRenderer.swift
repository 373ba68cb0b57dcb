import BalanceCore
import Foundation

/// Turns a diagram's SVG into PDF or PNG with librsvg and cairo (GNOME's SVG renderer, Debian's `librsvg2-2` and
/// `libcairo2`): the PDF embeds the subset of the fonts it uses, a CJK font included (fontconfig picks the first
/// installed of the SVG's `font-family` list, e.g. Noto Sans CJK SC or WenQuanYi Zen Hei; without any CJK font the
/// characters would be boxes, so `scripts/install-deps.sh` installs one). `pdffonts` lists the embedded fonts.
///
/// Pages: a PDF is one A4 page, landscape when the diagram is wider than tall, the diagram scaled down (never up) to
/// fit inside 10 mm margins and centred; when that would shrink it below half its size (a large plant), the page is
/// A3. A PNG is drawn at twice the SVG's size on white.
///
/// The libraries are opened on first use (BalanceCore's `SharedLibrary`), not linked: a process that draws no PDF or
/// PNG never loads them.
/// - Complexity: one librsvg parse and one cairo rendering, O(size of the SVG).
public enum DiagramRenderer {
    /// The formats besides SVG.
    public enum Format: String, Sendable, CaseIterable {
        /// One A4 (or A3) page.
        case pdf
        /// A bitmap at twice the SVG's size.
        case png
    }

    /// Why no file was made: a library missing, an SVG librsvg rejects, or cairo's error.
    public struct RenderError: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// A4 and A3 in PostScript points (ISO 216: 210 × 297 mm and 297 × 420 mm).
    static let a4 = (width: 595.2756, height: 841.8898)
    static let a3 = (width: 841.8898, height: 1190.5512)
    /// The page margin: 10 mm.
    static let margin = 28.3465
    /// CSS pixels to points (96 px = 72 pt).
    static let pointsPerPixel = 0.75
    /// Below this scale an A4 page is too small: A3 is used.
    static let smallestA4Scale = 0.5
    /// PNG pixels per SVG pixel.
    static let pngScale = 2.0

    /// The format a diagram file's name asks for: `.pdf`, `.png`, else `nil` (SVG).
    public static func format(forPath path: String) -> Format? {
        let lowered = path.lowercased()
        return Format.allCases.first { lowered.hasSuffix("." + $0.rawValue) }
    }

    /// The bytes of the file `path` names: the SVG itself, or it rendered to PDF or PNG by the extension.
    /// - Throws: ``RenderError`` when rendering is needed and fails.
    public static func file(svg: String, forPath path: String) throws(RenderError) -> [UInt8] {
        guard let format = format(forPath: path) else { return Array(svg.utf8) }
        return try render(svg, as: format)
    }

    /// `svg` rendered as `format`.
    /// - Throws: ``RenderError``.
    public static func render(_ svg: String, as format: Format) throws(RenderError) -> [UInt8] {
        let library = try Functions.library()
        let bytes = Array(svg.utf8)
        var error: UnsafeMutableRawPointer?
        guard let handle = bytes.withUnsafeBufferPointer({ library.newFromData($0.baseAddress, $0.count, &error) }) else {
            throw RenderError(description: "librsvg cannot read the diagram: " + library.message(error))
        }
        defer { library.unref(UnsafeMutableRawPointer(handle)) }
        var width = 0.0, height = 0.0
        guard library.intrinsicSize(handle, &width, &height) != 0, width > 0, height > 0 else {
            throw RenderError(description: "the diagram's SVG has no size in pixels")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("auditbalance-diagram-\(UUID().uuidString).\(format.rawValue)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let surface: OpaquePointer?
        var viewport: [Double]
        switch format {
        case .pdf:
            let landscape = width > height
            func page(_ size: (width: Double, height: Double)) -> (Double, Double) {
                landscape ? (size.height, size.width) : (size.width, size.height)
            }
            func fit(_ page: (Double, Double)) -> Double {
                Swift.min(1, (page.0 - 2 * margin) / (width * pointsPerPixel), (page.1 - 2 * margin) / (height * pointsPerPixel))
            }
            var sheet = page(a4)
            if fit(sheet) < smallestA4Scale { sheet = page(a3) }
            let scale = fit(sheet) * pointsPerPixel
            surface = library.pdfSurface(path, sheet.0, sheet.1)
            viewport = [(sheet.0 - width * scale) / 2, (sheet.1 - height * scale) / 2, width * scale, height * scale]
        case .png:
            guard let w = Int32(exactly: (width * pngScale).rounded(.up)), let h = Int32(exactly: (height * pngScale).rounded(.up)) else {
                throw RenderError(description: "the diagram is too large for a PNG")
            }
            surface = library.imageSurface(0 /* CAIRO_FORMAT_ARGB32 */, w, h)
            viewport = [0, 0, width * pngScale, height * pngScale]
        }
        guard let surface, library.surfaceStatus(surface) == 0 else {
            throw RenderError(description: "cairo cannot make a \(format.rawValue) surface (\(path))")
        }
        defer { library.surfaceDestroy(surface) }
        guard let context = library.create(surface) else { throw RenderError(description: "cairo cannot draw") }
        if format == .png {
            library.setSourceRGB(context, 1, 1, 1)
            library.paint(context)
        }
        let drawn = viewport.withUnsafeBufferPointer { library.renderDocument(handle, context, $0.baseAddress, &error) }
        library.destroy(context)
        guard drawn != 0 else { throw RenderError(description: "librsvg cannot draw the diagram: " + library.message(error)) }
        if format == .png {
            let status = library.writePNG(surface, path)
            guard status == 0 else { throw RenderError(description: "cairo cannot write the PNG (status \(status))") }
        } else {
            library.surfaceFinish(surface)
            guard library.surfaceStatus(surface) == 0 else { throw RenderError(description: "cairo cannot write the PDF") }
        }
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            throw RenderError(description: "cairo wrote no \(format.rawValue)")
        }
        return [UInt8](data)
    }

    /// The functions used, looked up once; C types spelled as opaque pointers (no header is needed).
    struct Functions: @unchecked Sendable {
        typealias NewFromData = @convention(c) (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> OpaquePointer?
        typealias IntrinsicSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32
        typealias RenderDocument = @convention(c) (OpaquePointer?, OpaquePointer?, UnsafePointer<Double>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32
        typealias PDFSurface = @convention(c) (UnsafePointer<CChar>?, Double, Double) -> OpaquePointer?
        typealias ImageSurface = @convention(c) (Int32, Int32, Int32) -> OpaquePointer?
        typealias Create = @convention(c) (OpaquePointer?) -> OpaquePointer?
        typealias Release = @convention(c) (OpaquePointer?) -> Void
        typealias Status = @convention(c) (OpaquePointer?) -> Int32
        typealias WritePNG = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
        typealias SetSourceRGB = @convention(c) (OpaquePointer?, Double, Double, Double) -> Void
        typealias Unref = @convention(c) (UnsafeMutableRawPointer?) -> Void

        let newFromData: NewFromData, intrinsicSize: IntrinsicSize, renderDocument: RenderDocument
        let pdfSurface: PDFSurface, imageSurface: ImageSurface, create: Create, destroy: Release
        let surfaceDestroy: Release, surfaceFinish: Release, surfaceStatus: Status, writePNG: WritePNG
        let setSourceRGB: SetSourceRGB, paint: Release, unref: Unref, errorFree: Unref

        private init(rsvg: SharedLibrary, cairo: SharedLibrary, gobject: SharedLibrary, glib: SharedLibrary) throws(SharedLibrary.LoadError) {
            newFromData = try rsvg.function("rsvg_handle_new_from_data", as: NewFromData.self)
            intrinsicSize = try rsvg.function("rsvg_handle_get_intrinsic_size_in_pixels", as: IntrinsicSize.self)
            renderDocument = try rsvg.function("rsvg_handle_render_document", as: RenderDocument.self)
            pdfSurface = try cairo.function("cairo_pdf_surface_create", as: PDFSurface.self)
            imageSurface = try cairo.function("cairo_image_surface_create", as: ImageSurface.self)
            create = try cairo.function("cairo_create", as: Create.self)
            destroy = try cairo.function("cairo_destroy", as: Release.self)
            surfaceDestroy = try cairo.function("cairo_surface_destroy", as: Release.self)
            surfaceFinish = try cairo.function("cairo_surface_finish", as: Release.self)
            surfaceStatus = try cairo.function("cairo_surface_status", as: Status.self)
            writePNG = try cairo.function("cairo_surface_write_to_png", as: WritePNG.self)
            setSourceRGB = try cairo.function("cairo_set_source_rgb", as: SetSourceRGB.self)
            paint = try cairo.function("cairo_paint", as: Release.self)
            unref = try gobject.function("g_object_unref", as: Unref.self)
            errorFree = try glib.function("g_error_free", as: Unref.self)
        }

        private static let loaded = SharedLibrary.routines(["librsvg-2.so.2"], package: "librsvg2-2") { rsvg throws(SharedLibrary.LoadError) in
            try Functions(
                rsvg: rsvg, cairo: try SharedLibrary(candidates: ["libcairo.so.2"], package: "libcairo2"),
                gobject: try SharedLibrary(candidates: ["libgobject-2.0.so.0"], package: "libglib2.0-0"),
                glib: try SharedLibrary(candidates: ["libglib-2.0.so.0"], package: "libglib2.0-0"))
        }

        /// The functions, opening the libraries on the first call (thread-safe: a `static let`).
        static func library() throws(RenderError) -> Functions {
            switch loaded {
            case let .success(functions): return functions
            case let .failure(error): throw RenderError(description: "cannot draw a PDF or PNG diagram: \(error.reason)")
            }
        }

        /// A GError's message (`GError { GQuark domain; gint code; gchar *message; }`), freeing it.
        func message(_ error: UnsafeMutableRawPointer?) -> String {
            guard let error else { return "no reason given" }
            defer { errorFree(error) }
            let text = error.load(fromByteOffset: MemoryLayout<UInt32>.size + MemoryLayout<Int32>.size, as: UnsafePointer<CChar>?.self)
            return text.map { String(cString: $0) } ?? "no reason given"
        }
    }
}
