/// Geographic NANP area codes → region and dominant IANA zone (toll-free and service codes are absent).
public enum NANPAreaCodes {
    /// The info for a 3-digit area code, or nil when it is not a known geographic code.
    public static func lookup(_ areaCode: String) -> AreaCodeInfo? {
        table[areaCode]
    }

    /// Every area code in the table.
    public static var all: [String: AreaCodeInfo] { table }

    private static let table: [String: AreaCodeInfo] = {
        var result: [String: AreaCodeInfo] = [:]
        for row in rows {
            let info = AreaCodeInfo(region: row.region, timeZone: row.zone, splitsZones: row.splits)
            for code in row.codes.split(separator: " ") {
                result[String(code)] = info
            }
        }
        return result
    }()

    /// One row per region and zone. `splits: true` rows list codes whose area straddles a zone
    /// line; the zone given is the one most of their population uses (see docs/architecture.md).
    static let rows: [(region: String, zone: String, splits: Bool, codes: String)] = [
        ("AL", "America/Chicago", false, "205 251 256 334 483 659 938"),
        ("AK", "America/Anchorage", true, "907"), // Aleutians west of 169°30′W: America/Adak
        ("AZ", "America/Phoenix", false, "480 520 602 623"),
        ("AZ", "America/Phoenix", true, "928"), // Navajo Nation keeps DST (America/Denver)
        ("AR", "America/Chicago", false, "327 479 501 870"),
        ("CA", "America/Los_Angeles", false,
         "209 213 279 310 323 341 350 357 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951"),
        ("CO", "America/Denver", false, "303 719 720 970 983"),
        ("CT", "America/New_York", false, "203 475 860 959"),
        ("DE", "America/New_York", false, "302"),
        ("DC", "America/New_York", false, "202 771"),
        ("FL", "America/New_York", false,
         "239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954"),
        ("FL", "America/Chicago", true, "448 850"), // Panhandle west of the Apalachicola: Central; Tallahassee: Eastern
        ("GA", "America/New_York", false, "229 404 470 478 678 706 762 770 912 943"),
        ("HI", "Pacific/Honolulu", false, "808"),
        ("ID", "America/Boise", true, "208 986"), // northern panhandle: Pacific
        ("IL", "America/Chicago", false, "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872"),
        ("IN", "America/Indiana/Indianapolis", false, "260 317 463 765"),
        ("IN", "America/Indiana/Indianapolis", true, "574 812 930"), // Starke Co.; Evansville corner: Central
        ("IN", "America/Chicago", false, "219"), // Gary/Hammond, Chicago metro
        ("IA", "America/Chicago", false, "319 515 563 641 712"),
        ("KS", "America/Chicago", false, "316 913"),
        ("KS", "America/Chicago", true, "620 785"), // four western counties: Mountain
        ("KY", "America/New_York", false, "502 859"),
        ("KY", "America/New_York", true, "606"), // Clinton Co.: Central
        ("KY", "America/Chicago", true, "270 364"), // Elizabethtown area: Eastern
        ("LA", "America/Chicago", false, "225 318 337 504 985"),
        ("ME", "America/New_York", false, "207"),
        ("MD", "America/New_York", false, "227 240 301 410 443 667"),
        ("MA", "America/New_York", false, "339 351 413 508 617 774 781 857 978"),
        ("MI", "America/Detroit", false, "231 248 269 313 517 586 616 679 734 810 947 989"),
        ("MI", "America/Detroit", true, "906"), // four counties on the Wisconsin line: Central
        ("MN", "America/Chicago", false, "218 320 507 612 651 763 924 952"),
        ("MS", "America/Chicago", false, "228 601 662 769"),
        ("MO", "America/Chicago", false, "314 417 557 573 636 660 816 975"),
        ("MT", "America/Denver", false, "406"),
        ("NE", "America/Chicago", false, "402 531"),
        ("NE", "America/Chicago", true, "308"), // Panhandle (Scottsbluff): Mountain
        ("NV", "America/Los_Angeles", false, "702 725 775"),
        ("NH", "America/New_York", false, "603"),
        ("NJ", "America/New_York", false, "201 551 609 640 732 848 856 862 908 973"),
        ("NM", "America/Denver", false, "505 575"),
        ("NY", "America/New_York", false,
         "212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934"),
        ("NC", "America/New_York", false, "252 336 472 704 743 828 910 919 980 984"),
        ("ND", "America/Chicago", true, "701"), // southwest: Mountain
        ("OH", "America/New_York", false, "216 220 234 283 326 330 380 419 436 440 513 567 614 740 937"),
        ("OK", "America/Chicago", false, "405 539 572 580 918"),
        ("OR", "America/Los_Angeles", false, "503 971"),
        ("OR", "America/Los_Angeles", true, "458 541"), // Malheur Co. (Ontario): Mountain
        ("PA", "America/New_York", false, "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878"),
        ("RI", "America/New_York", false, "401"),
        ("SC", "America/New_York", false, "803 821 839 843 854 864"),
        ("SD", "America/Chicago", true, "605"), // West River (Rapid City): Mountain
        ("TN", "America/New_York", false, "865"),
        ("TN", "America/New_York", true, "423"), // Marion/Sequatchie: Central
        ("TN", "America/Chicago", false, "615 629 731 901 931"),
        ("TX", "America/Chicago", false,
         "210 214 254 281 325 346 361 409 430 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979"),
        ("TX", "America/Chicago", true, "432"), // Culberson Co.: Mountain
        ("TX", "America/Denver", false, "915"), // El Paso
        ("UT", "America/Denver", false, "385 435 801"),
        ("VT", "America/New_York", false, "802"),
        ("VA", "America/New_York", false, "276 434 540 571 686 703 757 804 826 948"),
        ("WA", "America/Los_Angeles", false, "206 253 360 425 509 564"),
        ("WV", "America/New_York", false, "304 681"),
        ("WI", "America/Chicago", false, "262 274 353 414 534 608 715 920"),
        ("WY", "America/Denver", false, "307"),
        // US territories
        ("PR", "America/Puerto_Rico", false, "787 939"),
        ("VI", "America/St_Thomas", false, "340"),
        ("GU", "Pacific/Guam", false, "671"),
        ("MP", "Pacific/Saipan", false, "670"),
        ("AS", "Pacific/Pago_Pago", false, "684"),
        // Canada
        ("AB", "America/Edmonton", false, "368 403 587 780 825"),
        ("BC", "America/Vancouver", false, "236 604 672 778"),
        ("BC", "America/Vancouver", true, "250"), // East Kootenay, Peace River: Mountain
        ("MB", "America/Winnipeg", false, "204 431 584"),
        ("NB", "America/Moncton", false, "428 506"),
        ("NL", "America/St_Johns", true, "709 879"), // most of Labrador: Atlantic
        ("NS", "America/Halifax", false, "782 902"), // also Prince Edward Island
        ("ON", "America/Toronto", false,
         "226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 905 942"),
        ("ON", "America/Toronto", true, "807"), // Kenora/Rainy River: Central
        ("QC", "America/Toronto", false, "263 354 367 438 450 468 514 579 581 819 873"),
        ("QC", "America/Toronto", true, "418"), // Magdalen Islands: Atlantic
        ("SK", "America/Regina", false, "306 474 639"),
        ("NT", "America/Edmonton", true, "867"), // Yukon, NWT, Nunavut share it
        // Caribbean NANP members with large Hispanic diaspora in the US
        ("DO", "America/Santo_Domingo", false, "809 829 849"),
    ]
}
