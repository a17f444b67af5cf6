// INTERNAL to the rules library: the word table of the entity-name index (name_index.h).
//
// A map from short words (at most 255 bytes) to dense ids, looked up by a hash the caller computes
// while it scans the text (Fold per 8 bytes, then Finish), so that a lookup costs no allocation
// and usually one cache line: the entity-name index probes it once per word of every
// document. Several spellings may share an id ("univ", "university"). Open addressing with linear
// probing, at most half full.
//
// Thread-safety: Add while building only; Find is const and safe from many threads.
#ifndef TRUSTSCREEN_RULES_WORD_TABLE_H_
#define TRUSTSCREEN_RULES_WORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::rules {

class WordTable {
 public:
  // The hash of a word, 8 bytes per multiply: Fold each complete chunk of 8 bytes (byte i of the
  // chunk in bits 8i to 8i + 7), Fold the last partial chunk if there is one, then Finish. A
  // scanner builds the chunks in a register while it lower-cases a run, and can extend the same
  // state by a marker byte without hashing the run again.
  static constexpr std::uint64_t kHashSeed = 14695981039346656037ULL;
  static constexpr std::uint64_t Fold(std::uint64_t hash, std::uint64_t chunk) {
    hash = (hash ^ chunk) * kMultiplier;
    return hash ^ (hash >> 32);
  }
  static constexpr std::uint64_t Finish(std::uint64_t hash, std::size_t size) {
    // MurmurHash3's finaliser: Find uses the top 16 bits for its filter, the low ones for slots.
    hash ^= static_cast<std::uint64_t>(size) * kMultiplier;
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    hash ^= hash >> 33;
    return hash;
  }
  static constexpr std::uint64_t Hash(std::string_view word) {
    std::uint64_t hash = kHashSeed;
    std::uint64_t chunk = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
      chunk |= std::uint64_t{static_cast<unsigned char>(word[i])} << (8 * (i % 8));
      if (i % 8 == 7) {
        hash = Fold(hash, chunk);
        chunk = 0;
      }
    }
    if (word.size() % 8 != 0) hash = Fold(hash, chunk);
    return Finish(hash, word.size());
  }

  // A new id for the words `spellings` (or the id one of them already has).
  int Add(const std::vector<std::string>& spellings) {
    for (const std::string& spelling : spellings) {
      if (const int id = Find(spelling, Hash(spelling)); id >= 0) return id;
    }
    const int id = ids_++;
    for (const std::string& spelling : spellings) {
      if ((entries_ + 1) * 2 > slots_.size()) Grow();
      const std::uint64_t hash = Hash(spelling);
      Place({hash, static_cast<std::uint32_t>(pool_.size()), id});
      filter_[(hash >> 48) / 64] |= std::uint64_t{1} << ((hash >> 48) % 64);
      pool_ += static_cast<char>(spelling.size());
      pool_ += spelling;
      ++entries_;
    }
    return id;
  }

  // The id of `word`, whose Hash() is `hash`, or -1.
  int Find(std::string_view word, std::uint64_t hash) const {
    // Most words of a text are not in the table: an 8 KiB bit filter answers them from L1.
    if ((filter_[(hash >> 48) / 64] & (std::uint64_t{1} << ((hash >> 48) % 64))) == 0) return -1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id < 0) return -1;
      if (slot.hash == hash && static_cast<unsigned char>(pool_[slot.offset]) == word.size() &&
          std::string_view(pool_).substr(slot.offset + 1, word.size()) == word) {
        return slot.id;
      }
    }
  }

  int size() const { return ids_; }  // ids are 0 … size() - 1

 private:
  static constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;

  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;  // of the spelling's length byte in pool_
    int id = -1;
  };

  void Place(const Slot& slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slot.hash & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& slot : old) {
      if (slot.id >= 0) Place(slot);
    }
  }

  std::string pool_;  // all spellings, each after a byte holding its length
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1024);  // by hash bits 48-63
  std::vector<Slot> slots_;                                               // power-of-two size
  std::size_t entries_ = 0;
  int ids_ = 0;
};

}  // namespace trustscreen::rules

#endif  // TRUSTSCREEN_RULES_WORD_TABLE_H_
