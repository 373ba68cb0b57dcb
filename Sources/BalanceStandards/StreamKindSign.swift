/// Which stream kinds of the standards' vocabularies can carry a negative amount (issue 10 and 11): none of the
/// water kinds (GB/T 12452), energy kinds other than a stock change (库存变化, GB/T 3484), nor the material
/// kinds (原料, 产品, 废水 …). Used for the default lower bound 0 of `balance reconcile` (FORMATS.md §1.6).
public enum StreamKindSign {
    /// `true` when `kind` names a water, energy or material kind whose amount is never negative; `false` for a
    /// stock change, an empty kind and any text the standards do not know.
    /// - Complexity: O(length of the text).
    public static func cannotBeNegative(_ kind: String?) -> Bool {
        guard let kind, !kind.isEmpty else { return false }
        if let energy = EnergyStreamKind(text: kind) { return energy != .stock }
        return WaterStreamKind(text: kind) != nil || MaterialKind(text: kind) != nil
    }
}
